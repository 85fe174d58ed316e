Hello {{CONTACT_NAME}},

{{ORG_NAME}} has created a portal account for you.
Your username: {{USERNAME}}

Choose your password here (the link works once, until {{EXPIRES}}):
{{SET_PASSWORD_LINK}}
