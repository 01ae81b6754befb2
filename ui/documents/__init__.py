"""The Báo cáo area: official documents (plan, reports) previewed, printed and saved."""
