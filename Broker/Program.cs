using System.Globalization;
using System.Runtime.InteropServices;
using Kiosk.Broker;

// Technician entry point: "run" starts a private broker and prints how to connect; "acl" prints the ACL for a site.
var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var site = Option("--site") ?? "dev";
var counters = int.TryParse(Option("--counters"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 3;
var port = int.TryParse(Option("--port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;

try
{
    switch (verb)
    {
        case "acl":
            Console.Write(BrokerAcl.Generate(site, counters));
            return 0;
        case "bridge":
            Console.Write(BrokerBridge.Generate(site, Option("--district-host") ?? "district.example", int.TryParse(Option("--district-port"), NumberStyles.None, CultureInfo.InvariantCulture, out var dp) ? dp : 8883, Option("--username") ?? site, Option("--password") ?? "CHANGE-ME", Option("--cafile") ?? "/etc/mosquitto/certs/district-ca.crt"));
            return 0;
        case "run":
            return await RunAsync();
        default:
            Console.Error.WriteLine($"Unknown command '{verb}'. Use: run [--site S] [--counters N] [--port P] | acl --site S --counters N | bridge --site S --district-host H [--district-port P] [--username U] [--password W] [--cafile F]");
            return 2;
    }
}
catch (Exception ex) when (ex is BrokerStartException or ArgumentException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

async Task<int> RunAsync()
{
    using var stop = new CancellationTokenSource();
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

    await using var broker = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Site = site, CounterCount = counters, Port = port }, stop.Token);
    Console.WriteLine($"Private Mosquitto for site '{broker.Site}' is listening on {broker.Host}:{broker.Port}");
    Console.WriteLine($"Folder: {broker.WorkDirectory} (config, ACL, log)");
    Console.WriteLine();
    Console.WriteLine("Users (passwords are new at every start):");
    foreach (var user in broker.Credentials.Values.OrderBy(c => c.Username, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {user.Username,-10} {user.Password}");
    }

    var display = broker.For(BrokerRoles.Display);
    Console.WriteLine();
    Console.WriteLine("Watch the public queue topics as the waiting-room display would:");
    Console.WriteLine($"  mosquitto_sub -h {broker.Host} -p {broker.Port} -u {display.Username} -P {display.Password} -t '{new Kiosk.Contract.Topics.SiteTopics(broker.Site).All}' -v");
    Console.WriteLine();
    Console.WriteLine("Press Ctrl+C to stop the broker.");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping the private broker...");
    }

    return 0;
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
