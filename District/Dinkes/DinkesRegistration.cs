using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Kiosk.District.Dinkes;

/// <summary>The Dinkes pages: dashboard, Puskesmas page, monthly report, login.</summary>
public static class DinkesRegistration
{
    /// <summary>The connection string setting (<see cref="Configuration.DistrictOptions.Postgres"/>), for the user command.</summary>
    public const string ConnectionSetting = Configuration.DistrictOptions.Section + ":" + nameof(Configuration.DistrictOptions.Postgres);

    public static WebApplicationBuilder AddDinkes(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DinkesOptions>().Bind(builder.Configuration.GetSection(DinkesOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // The database (NpgsqlDataSource), the clock's default and the settings check come from AddDistrictIngest.
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddSingleton<SiteTimeline>();
        services.AddSingleton<MonthlyReport>();
        services.AddSingleton<DinkesUsers>();
        services.AddSingleton<DinkesLoginThrottle>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "dinkes_af";
            o.Cookie.Path = "/dinkes";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorization();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = DinkesEndpoints.SessionCookie;
            o.Cookie.Path = "/dinkes";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/dinkes/masuk";
            o.AccessDeniedPath = "/dinkes/masuk";
            o.ReturnUrlParameter = "kembali";
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments(DinkesEndpoints.StreamPath, StringComparison.Ordinal))
                {
                    // The page's EventSource cannot follow a login redirect; 401 tells its script to reload the page.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                // A session cookie that did not open (forged, from another server, expired) gets a sentence about it.
                var target = context.Request.Cookies.ContainsKey(DinkesEndpoints.SessionCookie)
                    ? context.RedirectUri + "&sesi=0"
                    : context.RedirectUri;
                context.Response.Redirect(target);
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    public static WebApplication MapDinkes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        DinkesEndpoints.Map(app);
        return app;
    }
}
