{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="message">{{MESSAGE}}</p>
