using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// Kestrel for <see cref="FktpService"/>, beside the bridge's reporting: started only when <c>Bpjs__Fktp__Urls</c> is
/// set. Its own small web application (one terminal handler, no routing, no static files), so the reporting host stays
/// a plain worker and the service can be off without a listening socket.
/// </summary>
public sealed class FktpServer(IOptions<FktpOptions> options, FktpServiceFactory services, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>Where Kestrel listens once started (a test's port 0 resolved); empty while off.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var service = services.Create();
        // The empty builder: no configuration files, no environment, no HTTPS (a reverse proxy in front does TLS), so
        // nothing but bpjs.env decides what listens, and the bridge's memory stays close to a bare worker's.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().UseUrls([.. settings.UrlList]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // BPJS's calls are a few hundred bytes of headers; the body limit is the service's own (answered in BPJS's shape).
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 50;
            kestrel.Limits.MaxRequestLineSize = 2048;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MaxConcurrentConnections = 200;
        });
        app = builder.Build();
        app.Run(service.HandleAsync);
        await app.StartAsync(cancellationToken);
        Addresses = [.. (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }
    }
}
