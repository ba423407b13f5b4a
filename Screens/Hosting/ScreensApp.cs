using Kiosk.Screens.Configuration;
using Kiosk.Screens.Endpoints;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Voice;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Hosting;

/// <summary>
/// Builds the screens host. Start order: options (checked at start), the display's MQTT session (a hosted service),
/// then Kestrel (HTTPS with <c>Screens:Tls</c>'s certificate on every https:// address); stop order is the reverse,
/// and every loket session's MQTT connection is closed on the way out. Request order: a bug's exception and an empty
/// error become JSON in Bahasa Indonesia, <see cref="RequestGuard"/> (HTTPS for the loket, same origin and JSON for
/// every state change), static pages, then the endpoints.
/// </summary>
public static class ScreensApp
{
    /// <summary>The Puskesmas's own settings on an installed machine (written by deploy/package/kiosk-setup).</summary>
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

            // Called when an https:// address is bound, after the options were checked (a bad path stops with 78).
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = kestrel.ApplicationServices.GetRequiredService<TlsCertificate>().Certificate);
        });
        builder.Services.AddOptions<ScreensOptions>().BindConfiguration(ScreensOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScreensOptions>, ScreensOptionsValidator>();
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<MqttSessionFactory>();
        builder.Services.AddSingleton<ClipLibrary>();
        builder.Services.AddSingleton<AnnouncementAudio>();
        builder.Services.AddSingleton<LoketSessions>();
        builder.Services.AddSingleton<LoginTickets>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<TlsCertificate>();
        builder.Services.AddSingleton(services => new Patients.PatientTickets(
            services.GetRequiredService<IOptions<ScreensOptions>>().Value.SopMinutesFor, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<Patients.PatientPageGuard>();
        builder.Services.AddSingleton<DisplaySession>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DisplaySession>());

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ScreenEndpoints.WriteStatusAsync,
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages(context => ScreenEndpoints.WriteStatusAsync(context.HttpContext));
        app.Use(RequestGuard.InvokeAsync);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Pages are small and change with upgrades: the browser asks again rather than showing an old copy.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        ScreenEndpoints.Map(app);
        Patients.PatientPageEndpoints.Map(app);
        return app;
    }
}

/// <summary>The certificate of <c>Screens:Tls</c>, read once when Kestrel first needs it and kept for the host's life.</summary>
internal sealed class TlsCertificate(IOptions<ScreensOptions> options) : IDisposable
{
    private readonly Lazy<X509Certificate2> certificate = new(() =>
        X509Certificate2.CreateFromPemFile(options.Value.Tls.CertificatePath, options.Value.Tls.KeyPath));

    public X509Certificate2 Certificate => certificate.Value;

    public void Dispose()
    {
        if (certificate.IsValueCreated)
        {
            certificate.Value.Dispose();
        }
    }
}
