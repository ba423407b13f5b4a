using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Outbox;
using Kiosk.Broker;

namespace Kiosk.Simulator.Bpjs;

/// <summary>
/// BPJS for the simulator: the BPJS double on loopback (it never reaches the real BPJS) and the real BPJS bridge of the
/// front panel's site (<see cref="SimulatedBridge"/>), so the JKN tickets the kiosk issues are reported to the double
/// for real; "Internet putus" is the double's down mode, so the reports wait in the outbox as on a site. A scenario
/// day played from the panel gets a bridge of its own on its own broker (<see cref="AttachAsync"/>), reporting to the
/// same double.
/// </summary>
public sealed class SimulatedBpjs : IAsyncDisposable
{
    /// <summary>
    /// The simulator's polis BPJS knows, in the bridge's <c>Bpjs:PoliMap</c> form, as a real site maps them (README,
    /// <c>kiosk-setup --bpjs-poli</c>): poli umum, gigi and KIA to the three polis BPJS's double lists. The registration
    /// lokets (UMUM, BPJS, PRIO) are not polis, so they are never reported: a JKN patient is added to BPJS's queue when
    /// the loket sends them on to a poli (the poli's ticket), and that ticket's panggil and batal follow. A Mobile JKN
    /// booking of poli 001 waits in the BPJS registration queue (<c>Kiosk:Reader:BpjsService</c>) and is reported under
    /// the poli BPJS booked.
    /// </summary>
    public const string PoliMap = "P-UMUM=001,P-GIGI=002,P-KIA=003";

    private readonly BpjsDoubleOptions credentials;
    private readonly SimulatedBridge bridge;

    private SimulatedBpjs(BpjsDouble bpjs, BpjsDoubleOptions credentials, SimulatedBridge bridge)
    {
        Service = bpjs;
        this.credentials = credentials;
        this.bridge = bridge;
    }

    /// <summary>BPJS's side: what it was told, and its switches.</summary>
    public BpjsDouble Service { get; }

    /// <summary>The panel's bridge's outbox: what still waits for BPJS.</summary>
    public ReportOutbox Outbox => bridge.Outbox;

    /// <summary>True while the internet is cut: the double closes every connection without an answer.</summary>
    public bool InternetCut
    {
        get => Service.Mode.Down;
        set => Service.Mode.Down = value;
    }

    /// <summary>Starts the double, then the bridge on <paramref name="broker"/>, its outbox in <paramref name="dataDirectory"/>.</summary>
    public static async Task<SimulatedBpjs> StartAsync(PrivateBroker broker, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var credentials = new BpjsDoubleOptions();
        var bpjs = await BpjsDouble.StartAsync(credentials, cancellationToken);
        try
        {
            var bridge = await SimulatedBridge.StartAsync(broker, bpjs.BaseUrl, credentials, dataDirectory, cancellationToken);
            return new SimulatedBpjs(bpjs, credentials, bridge);
        }
        catch
        {
            await bpjs.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another site's bridge (a scenario day's own broker), reporting to the same double.</summary>
    public Task<SimulatedBridge> AttachAsync(PrivateBroker broker, string dataDirectory, CancellationToken cancellationToken) =>
        SimulatedBridge.StartAsync(broker, Service.BaseUrl, credentials, dataDirectory, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await bridge.DisposeAsync();
        await Service.DisposeAsync();
    }
}
