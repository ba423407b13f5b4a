namespace Kiosk.Device.Configuration;

/// <summary>Where a simulated kiosk's MQTT session goes and as whom: the site's broker and its kiosk user.</summary>
public sealed record SimulatedKioskBroker(string Site, string Host, int Port, string Username, string Password);
