namespace Kiosk.Screens.Endpoints;

/// <summary>The loket login form: counter number and the password of broker user counter-N.</summary>
public sealed record LoginRequest(int? Counter, string? Password);
