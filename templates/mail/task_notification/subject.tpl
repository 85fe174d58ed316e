New task: {{TASK_TITLE}}
