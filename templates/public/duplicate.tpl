{{%AUTOESCAPE context="HTML"}}
<h1>You have already started this</h1>
<p class="error" role="alert">You already have an application for {{PROCESS_NAME}}, and only one is allowed.
<a href="/applications/{{EXISTING_ID}}" id="existing-application">Continue your application</a>.</p>
