namespace Kiosk.Simulator.Scenarios;

/// <summary>A scenario that cannot be run as written; the message names the field (Bahasa Indonesia).</summary>
public sealed class ScenarioException(string message) : Exception(message);
