using Kiosk.Fuzz.Targets;

namespace Kiosk.Fuzz;

/// <summary>One parser of untrusted bytes, and the assemblies whose branches guide the fuzzer for it.</summary>
/// <param name="Run">Throws when the parser breaks its contract on <c>input</c>; returns for every answer it may give.</param>
internal sealed record FuzzTarget(string Name, IReadOnlyList<string> InstrumentedAssemblies, Action<byte[]> Run);

internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("command", ["Kiosk.Contract.dll"], CommandTarget.Run),
        new("mqtt", ["Kiosk.Mqtt.dll"], MqttTarget.Run),
        new("scan", ["Kiosk.DeviceDrivers.dll"], ScanTarget.Run),
        new("printer-status", ["Kiosk.DeviceDrivers.dll"], PrinterStatusTarget.Run),
        new("screens", ["Kiosk.Screens.dll", "Kiosk.Contract.dll"], ScreensTarget.Run),
        new("screens-wire", ["Kiosk.Screens.dll", "Kiosk.Contract.dll"], ScreensWireTarget.Run),
        new("district", ["Kiosk.District.dll", "Kiosk.DistrictLink.dll", "Kiosk.Contract.dll"], DistrictTarget.Run),
        new("bpjs", ["Kiosk.Bpjs.dll"], BpjsTarget.Run),
        new("bpjs-request", ["Kiosk.Contract.dll"], BpjsRequestTarget.Run),
        new("bpjs-fktp", ["Kiosk.Bpjs.dll"], BpjsFktpTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

/// <summary>A parser answered, but not within its contract (two answers, none, no progress).</summary>
internal sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
