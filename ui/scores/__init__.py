"""The Chỉ số area: criteria tree with scores, gaps, mock appraisal, comparison, SIPAS."""
