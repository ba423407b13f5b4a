using Kiosk.Screens.Configuration;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Voice;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Hosting;

/// <summary>
/// Builds the screens host. Start order: options (checked at start), the display's MQTT session (a hosted service),
/// then Kestrel; stop order is the reverse, and every loket session's MQTT connection is closed on the way out.
/// </summary>
public static class ScreensApp
{
    /// <summary>The Puskesmas's own settings on an installed machine (written by deploy/systemd/install.sh).</summary>
    public const string SiteConfigPath = "/etc/kiosk/screens.json";

    public static WebApplication Create(string[] args, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // Pages, clips and screens.json live beside the program, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "pages"),
        });

        // screens.json (not appsettings.json: the kiosk's file sits in the same folder when both are built together),
        // then the site's /etc/kiosk/screens.json, then environment (Screens__MqttPort=...) and command line.
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "screens.json"), optional: false)
            .AddJsonFile(SiteConfigPath, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ScreenEndpoints.HardBodyLimitBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.AddOptions<ScreensOptions>().BindConfiguration(ScreensOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScreensOptions>, ScreensOptionsValidator>();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<MqttSessionFactory>();
        builder.Services.AddSingleton<ClipLibrary>();
        builder.Services.AddSingleton<LoketSessions>();
        builder.Services.AddSingleton<LoginTickets>();
        builder.Services.AddSingleton<DisplaySession>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DisplaySession>());

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Pages are small and change with upgrades: the browser asks again rather than showing an old copy.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        ScreenEndpoints.Map(app);
        return app;
    }
}
