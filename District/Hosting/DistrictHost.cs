using Kiosk.District.Dinkes;
using Kiosk.District.Ingest;

namespace Kiosk.District.Hosting;

/// <summary>
/// The district service: the JetStream → PostgreSQL ingest and the Dinkes pages in one ASP.NET Core host. Tests and
/// <c>./kiosk.sh district</c> build it in-process through <see cref="Build"/> with their own settings and clock.
/// </summary>
public static class DistrictHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddDistrictIngest();
        builder.AddDinkes();
        var app = builder.Build();
        app.MapDinkes();
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Configuration.DistrictConfigurationException bad)
        {
            foreach (var problem in bad.Problems)
            {
                await Console.Error.WriteLineAsync(Text.IngestTeks.ConfigurationInvalid(problem)).ConfigureAwait(false);
            }

            return Configuration.DistrictConfigurationException.ExitCode;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
