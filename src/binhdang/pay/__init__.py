"""Pay: salary grades (ngạch, chức danh nghề nghiệp), steps and coefficients (Decree 204/2004)."""
