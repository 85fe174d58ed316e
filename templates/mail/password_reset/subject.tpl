Reset your {{ORG_NAME}} portal password
