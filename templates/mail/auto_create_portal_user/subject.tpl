Your {{ORG_NAME}} portal account
