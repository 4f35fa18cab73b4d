"""Setting up an organisation from its pages: units, posts, people, the roster (组织机构与人员)."""
