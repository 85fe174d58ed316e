{{%AUTOESCAPE context="HTML"}}
<h1>Tasks</h1>
<p class="lead">Welcome, {{NAME}}.</p>
{{#NO_TASKS}}<p class="empty">You have no open tasks.</p>{{/NO_TASKS}}
