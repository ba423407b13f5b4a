namespace Kiosk.Simulator;

/// <summary>A patient button on the kiosk's front: its id and the words printed on it.</summary>
public sealed record KioskButton(string Id, string Label);
