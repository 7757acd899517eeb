"""Accounts: users, roles scoped to unit subtrees, API tokens, web sessions and the audit log.

The permission rules (:mod:`binhdang.accounts.permissions`) are pure functions tested without
HTTP; :mod:`binhdang.accounts.service` stores and reads accounts, tokens and sessions; every
change and every view or export of personal data is written by :mod:`binhdang.accounts.audit`.
"""
