"""Public disclosure (công khai, Luật 10/2022/QH15 Đ11–14): checklist, plan, compliance, calendar."""
