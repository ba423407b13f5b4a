using System.Globalization;
using Kiosk.District.Local;
using Kiosk.Kabupaten;
using Kiosk.Kabupaten.Text;

// ./kiosk.sh district: a whole kabupaten on this machine until Ctrl+C.
if (ParseArguments(args) is not { } options)
{
    await Console.Error.WriteLineAsync(KabupatenTeks.Usage);
    return 64;
}

if (PrivateNatsCluster.FindServer() is null)
{
    await Console.Error.WriteLineAsync(KabupatenTeks.NatsMissing);
    return 69;
}

if (PrivatePostgres.FindBinaries() is null)
{
    await Console.Error.WriteLineAsync(KabupatenTeks.PostgresMissing);
    return 69;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using (var kabupaten = await SimulatedKabupaten.StartAsync(options, Console.Out, stop.Token))
{
    await Console.Out.WriteLineAsync(KabupatenTeks.Dashboard(kabupaten.DashboardUrl));
    var (password, failure) = await kabupaten.CreateLoginAsync(stop.Token);
    await Console.Out.WriteLineAsync(password is not null ? KabupatenTeks.Login(SimulatedKabupaten.LoginUser, password) : failure);
    await Console.Out.WriteLineAsync(KabupatenTeks.PressCtrlC);
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        await Console.Out.WriteLineAsync(KabupatenTeks.Stopping);
    }
}

await Console.Out.WriteLineAsync(KabupatenTeks.Stopped);
return 0;

static KabupatenOptions? ParseArguments(string[] args)
{
    var count = KabupatenOptions.DefaultSites;
    var port = 0;
    var tls = true;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--sites" when i + 1 < args.Length:
                if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > Bangkalan.Puskesmas.Count)
                {
                    Console.Error.WriteLine(KabupatenTeks.BadSites(args[i], Bangkalan.Puskesmas.Count));
                    return null;
                }

                break;
            case "--port" when i + 1 < args.Length:
                if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                {
                    Console.Error.WriteLine(KabupatenTeks.BadPort(args[i]));
                    return null;
                }

                break;
            case "--tanpa-tls":
                tls = false;
                break;
            default:
                Console.Error.WriteLine(KabupatenTeks.BadOption(args[i]));
                return null;
        }
    }

    return new KabupatenOptions { Sites = Bangkalan.Plan(count), Port = port, Tls = tls };
}
