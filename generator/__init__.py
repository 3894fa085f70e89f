"""ntm: the documents of the movement "cán bộ, đảng viên … tham gia xây dựng nông thôn mới"."""

__version__ = "0.1.0"
