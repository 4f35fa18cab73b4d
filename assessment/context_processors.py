from . import access


def assessment_nav(request):
    """Whether the header shows 考核: evaluated only when a page renders the header, at one query
    at most (the post lookup; the rights come from the permission cache the header already fills)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"assessment_insider": lambda: access.is_insider(user)}
