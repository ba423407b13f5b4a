using Kiosk.DeviceDrivers.Input;

namespace Kiosk.Device.Devices;

/// <summary>The kiosk's QR/card reader, or none: many kiosks have buttons only.</summary>
public sealed record ConfiguredReader(IScanReader? Reader);
