namespace Kiosk.Device.Tests.Process;

/// <summary>
/// The power-cut tests start and SIGKILL dozens of kiosk processes each; run side by side (and beside everything else
/// on a 2-core CI machine) they starved each other past their bounds. They run alone, one after the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KioskProcessGroup
{
    public const string Name = "kiosk-processes";
}
