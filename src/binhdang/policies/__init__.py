"""Policies for women staff and the national targets (issue 7).

``retirement`` (normal retirement age by sex and birth date), ``maternity`` (leave
entitlement by the law in force on the birth date), ``targets`` (the national targets and
their evaluation): pure rules with their legal sources. ``records`` stores maternity leave,
``service`` applies the rules to the staff of a unit subtree, ``output`` renders the results.
"""
