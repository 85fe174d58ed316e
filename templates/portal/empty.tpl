{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="empty">{{MESSAGE}}</p>
