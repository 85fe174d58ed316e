{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="message">{{MESSAGE}}</p>
<p><a href="/password/forgot">Send me a new link</a> · <a href="/login">Sign in</a></p>
