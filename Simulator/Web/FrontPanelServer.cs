using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.Web;

/// <summary>
/// The front panel page on loopback only: GET / is the page, GET /api/state its snapshot, GET /api/events the SSE
/// stream of changes, and every switch is a POST. The kiosk, the broker and the printer stay the real ones; this only
/// presses, scans and flips what a person at the Puskesmas would.
/// </summary>
public sealed class FrontPanelServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FrontPanelServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FrontPanelServer> StartAsync(FrontPanel panel, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        Map(app, panel);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
        return new FrontPanelServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    private static void Map(WebApplication app, FrontPanel panel)
    {
        var page = ReadPage();
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/state", () => Results.Json(panel.Snapshot()));
        app.MapGet("/api/events", (CancellationToken aborted) => TypedResults.ServerSentEvents(panel.Events.ReadAsync(aborted)));
        app.MapGet("/api/loket-halaman/{counter:int}", (int counter) =>
        {
            try
            {
                return Results.Json(new { ok = true, url = panel.LoketUrl(counter) });
            }
            catch (PanelException ex)
            {
                return Results.Json(new { ok = false, message = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        app.MapPost("/api/tombol/{id}", (string id) => Act(() => panel.Press(id)));
        app.MapPost("/api/pindai", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Act(() => panel.Scan(form["teks"].ToString()));
        });
        app.MapPost("/api/printer/{state}", (string state) => Act(() => panel.SetPrinter(state)));
        app.MapPost("/api/kertas/{mm:int}", (int mm) => ActAsync(() => panel.ChangePaperAsync(mm)));
        app.MapPost("/api/broker/{action}", (string action) => ActAsync(() => action switch
        {
            "nyala" => panel.BrokerAsync(run: true),
            "mati" => panel.BrokerAsync(run: false),
            _ => throw new PanelException(SimulatorTeks.Panel.UnknownBrokerAction(action)),
        }));
        app.MapPost("/api/internet/{action}", (string action) => Act(() => panel.Internet(action switch
        {
            "putus" => true,
            "sambung" => false,
            _ => throw new PanelException(SimulatorTeks.Panel.UnknownInternetAction(action)),
        })));
        app.MapPost("/api/kiosk/{action}", (string action) => ActAsync(() => action switch
        {
            "nyala" => panel.KioskPowerAsync(on: true),
            "padam" => panel.KioskPowerAsync(on: false),
            _ => throw new PanelException(SimulatorTeks.Panel.UnknownKioskAction(action)),
        }));
        app.MapPost("/api/skenario", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return Act(() => panel.StartScenario(form["nama"].ToString()));
        });
        app.MapPost("/api/jam", async (HttpRequest request) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            try
            {
                var message = panel.JumpClock(form?["jam"].ToString() ?? string.Empty, nextDay: form?["hari"].ToString() == "besok");
                return Results.Json(new { ok = true, message });
            }
            catch (PanelException ex)
            {
                return Results.Json(new { ok = false, message = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        app.MapPost("/api/loket/{counter:int}/{type}", async (int counter, string type, HttpRequest request) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            try
            {
                return Results.Json(new { ok = true, message = await panel.CounterAsync(counter, type, form?["poli"].ToString()) });
            }
            catch (PanelException ex)
            {
                return Results.Json(new { ok = false, message = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
            catch (TimeoutException)
            {
                return Results.Json(new { ok = false, message = SimulatorTeks.Panel.KioskDidNotAnswer }, statusCode: StatusCodes.Status504GatewayTimeout);
            }
        });
    }

    private static IResult Act(Action action)
    {
        try
        {
            action();
            return Results.Json(new { ok = true });
        }
        catch (PanelException ex)
        {
            return Results.Json(new { ok = false, message = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> ActAsync(Func<Task> action)
    {
        try
        {
            await action();
            return Results.Json(new { ok = true });
        }
        catch (PanelException ex)
        {
            return Results.Json(new { ok = false, message = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static string ReadPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("panel.html")
            ?? throw new InvalidOperationException("panel.html is not embedded in the simulator.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
