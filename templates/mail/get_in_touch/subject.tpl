Portal message: {{SUBJECT}}
