using Kiosk.Bpjs.Configuration;
using Kiosk.Bpjs.Fktp;
using Kiosk.Bpjs.Hosting;
using Kiosk.Bpjs.References;
using Kiosk.Bpjs.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// The site's BPJS bridge under systemd (kiosk-bpjs.service): settings from /etc/kiosk/bpjs.env.
using var host = BpjsHost.Build(args);
// Read the settings before the host starts, so a bad file gives the technician's lines and not a host stack trace: the
// bridge's and then the FKTP service's, every bad key of both in one go.
var failures = new List<string>();
try
{
    _ = host.Services.GetRequiredService<IOptions<BpjsOptions>>().Value;
}
catch (OptionsValidationException e)
{
    failures.AddRange(e.Failures);
}

try
{
    _ = host.Services.GetRequiredService<IOptions<FktpOptions>>().Value;
}
catch (OptionsValidationException e)
{
    failures.AddRange(e.Failures);
}

if (failures.Count > 0)
{
    // One line per bad key for the technician's journal, then EX_CONFIG so systemd does not restart into the same error.
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync(failure).ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync(BpjsTeks.ConfigurationRefused).ConfigureAwait(false);
    return BpjsHost.ConfigurationExitCode;
}

// The poli mapping against BPJS's own poli list (fetched now, or the one kept from an earlier day): a service mapped to a
// poli BPJS does not list gets one line and EX_CONFIG. Offline with nothing kept, the bridge starts and checks later.
var mappingProblems = await host.Services.GetRequiredService<BpjsReferences>().CheckAtStartAsync(CancellationToken.None).ConfigureAwait(false);
if (mappingProblems.Count > 0)
{
    foreach (var problem in mappingProblems)
    {
        await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
    }

    return BpjsHost.ConfigurationExitCode;
}

await host.RunAsync().ConfigureAwait(false);
return 0;
