namespace Kiosk.District.Dinkes;

/// <summary>The Dinkes pages: dashboard, Puskesmas page, monthly report, login (web helper fills this).</summary>
public static class DinkesRegistration
{
    public static WebApplicationBuilder AddDinkes(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapDinkes(this WebApplication app) => app;
}
