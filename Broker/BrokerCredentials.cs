namespace Kiosk.Broker;

/// <summary>One Mosquitto user: a role of the queue system (kiosk, counter-N, display, bridge, bpjs).</summary>
public sealed record BrokerCredentials(string Username, string Password);
