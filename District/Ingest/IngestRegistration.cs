using System.Text.RegularExpressions;
using Kiosk.Contract.District;
using Kiosk.Contract.Text;
using Kiosk.District.Configuration;
using Kiosk.District.Health;
using Kiosk.District.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;

namespace Kiosk.District.Ingest;

/// <summary>
/// The ingest's services: the settings (checked here, before anything starts: a bad value is a
/// <see cref="DistrictConfigurationException"/>, exit 78), the clock, the database, the NATS connection, the health and
/// change signals the pages read, and the two loops (JetStream → PostgreSQL, link heartbeats).
/// </summary>
public static partial class IngestRegistration
{
    public static WebApplicationBuilder AddDistrictIngest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Read(builder.Configuration.GetSection(DistrictOptions.Section));
        var problems = DistrictOptionsCheck.Problems(options);
        if (problems.Count > 0)
        {
            throw new DistrictConfigurationException(problems);
        }

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres));
        services.AddSingleton<DistrictHealth>();
        services.AddSingleton<DistrictChanges>();
        services.AddSingleton<INatsConnection>(provider => new NatsConnection(NatsOptions(options, provider.GetRequiredService<ILoggerFactory>())));
        services.AddHostedService<IngestService>();
        services.AddHostedService<LinkHeartbeatListener>();
        return builder;
    }

    internal static NatsOpts NatsOptions(DistrictOptions options, ILoggerFactory loggers) => NatsOpts.Default with
    {
        Url = string.Join(',', options.NatsUrls),
        Name = "kiosk-district",
        ConnectTimeout = DistrictConnection.ConnectTimeout,
        AuthOpts = string.IsNullOrEmpty(options.NatsUser) ? NatsAuthOpts.Default : NatsAuthOpts.Default with { Username = options.NatsUser, Password = options.NatsPassword },
        TlsOpts = string.IsNullOrEmpty(options.CaFile) ? NatsTlsOpts.Default : NatsTlsOpts.Default with { CaFile = options.CaFile },
        // Keep trying for as long as the service runs: a cluster that is away comes back.
        MaxReconnectRetry = -1,
        LoggerFactory = loggers,
    };

    /// <summary>Binds the section; a value of the wrong type becomes the operator's line instead of the binder's exception.</summary>
    private static DistrictOptions Read(IConfigurationSection section)
    {
        try
        {
            return section.Get<DistrictOptions>() ?? new DistrictOptions();
        }
        catch (InvalidOperationException ex) when (BindingFailure().Match(ex.Message) is { Success: true } match)
        {
            var key = match.Groups["key"].Value;
            throw new DistrictConfigurationException([SettingTeks.Line(key, IngestTeks.WrongType(section.GetSection(key[(section.Path.Length + 1)..]).Value))]);
        }
    }

    [GeneratedRegex("at '(?<key>[^']+)' to type", RegexOptions.CultureInvariant)]
    private static partial Regex BindingFailure();
}
