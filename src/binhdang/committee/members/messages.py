"""Texts of the committee members' kind, Vietnamese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "committee.val.member_who": (
        "cần mã cán bộ, hoặc họ tên và giới tính của thành viên",
        "give the member's staff code, or their full name and sex",
    ),
    "committee.val.member_name": (
        "họ tên «{value}» khác với họ tên của cán bộ mã {code} («{stored}»)",
        "the name “{value}” differs from that of staff member {code} (“{stored}”)",
    ),
    "committee.val.member_sex": (
        "giới tính «{value}» khác với giới tính của cán bộ mã {code}",
        "the sex “{value}” differs from that of staff member {code}",
    ),
    "committee.val.two_heads": (
        "Quyết định {number} ngày {date} có hơn một Trưởng ban",
        "Decision {number} of {date} names more than one chair",
    ),
    "committee.members.report.title": (
        "Kiện toàn Ban Vì sự tiến bộ phụ nữ",
        "The Committee for the Advancement of Women",
    ),
    "committee.members.report.none": (
        "Chưa có thông tin về thành viên Ban Vì sự tiến bộ phụ nữ của {unit} (quyết định "
        "thành lập, kiện toàn Ban và danh sách thành viên).",
        "No information yet on the members of the Committee for the Advancement of Women of "
        "{unit} (the decision setting it up and its list of members).",
    ),
    "committee.members.report.summary": (
        "Ban Vì sự tiến bộ phụ nữ {unit} được kiện toàn theo Quyết định số {number} ngày "
        "{date} của {issuer}, gồm {total} thành viên ({women}){head}.",
        "The Committee for the Advancement of Women of {unit} was set up by Decision No. "
        "{number} of {date} of {issuer}; it has {total} members ({women}){head}.",
    ),
    "committee.members.report.women": ("{count} nữ", "{count} women"),
    "committee.members.report.one_woman": ("{count} nữ", "{count} woman"),
    "committee.members.report.no_women": ("không có thành viên nữ", "no women"),
    "committee.members.report.head": (
        ", do đồng chí {name} làm Trưởng ban",
        ", chaired by {name}",
    ),
    "committee.members.report.head_job": (
        ", do đồng chí {name}, {job}, làm Trưởng ban",
        ", chaired by {name}, {job}",
    ),
    "committee.members.report.caption": (
        "Thành viên Ban Vì sự tiến bộ phụ nữ (Quyết định số {number} ngày {date})",
        "Members of the Committee for the Advancement of Women (Decision No. {number} of {date})",
    ),
    "committee.members.report.sheet": ("Thành viên Ban", "Committee members"),
    "committee.members.col.no": ("STT", "No."),
    "committee.members.col.name": ("Họ và tên", "Full name"),
    "committee.members.col.sex": ("Giới tính", "Sex"),
    "committee.members.col.job": ("Chức vụ, đơn vị công tác", "Post and unit"),
    "committee.members.col.post": ("Chức danh trong Ban", "Post in the committee"),
}
