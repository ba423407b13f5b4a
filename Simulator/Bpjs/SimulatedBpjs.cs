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
    /// The simulator's services BPJS knows as a poli, in the bridge's <c>Bpjs:PoliMap</c> form. The BPJS registration
    /// loket stands for poli umum (001), so a ticket from the BPJS button or a scanned card is reported as it prints;
    /// gigi and KIA as themselves. P-UMUM is left out: a JKN patient sent on to it is already in BPJS's poli umum queue.
    /// </summary>
    public const string PoliMap = "BPJS=001,P-GIGI=002,P-KIA=003";

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
