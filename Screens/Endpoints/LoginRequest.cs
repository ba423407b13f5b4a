namespace Kiosk.Screens.Endpoints;

/// <summary>The loket login form: counter number and the password of broker user counter-N.</summary>
public sealed record LoginRequest(int? Counter, string? Password);

/// <summary>The logout POST's body: an empty JSON object, nothing else (any property is refused).</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record LogoutRequest;
