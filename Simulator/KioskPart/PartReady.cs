namespace Kiosk.Simulator.KioskPart;

/// <summary>What the kiosk process tells the simulator once its host has started: its front and its lamps now.</summary>
public sealed record PartReady(string Site, string? SiteName, string TimeZone, IReadOnlyList<KioskButton> Buttons, IReadOnlyDictionary<string, bool> Lamps);
