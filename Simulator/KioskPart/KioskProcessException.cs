namespace Kiosk.Simulator.KioskPart;

/// <summary>The kiosk process did not start (it exited first, or was not ready in time); the message says which, with its last output.</summary>
public sealed class KioskProcessException(string message) : Exception(message);
