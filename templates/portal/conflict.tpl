{{%AUTOESCAPE context="HTML"}}
<h1>This task has changed</h1>
<p class="notice" role="alert">{{MESSAGE}}</p>
<p><a href="/tasks/{{ID}}">See the task as it is now</a></p>
