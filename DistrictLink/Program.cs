using Kiosk.DistrictLink.Configuration;
using Kiosk.DistrictLink.Hosting;
using Kiosk.DistrictLink.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// The site's district link under systemd (kiosk-district-link.service): settings from /etc/kiosk/district.env.
using var host = DistrictLinkHost.Build(args);
try
{
    // Read the settings before the host starts, so a bad file gives the technician's lines and not a host stack trace.
    _ = host.Services.GetRequiredService<IOptions<DistrictLinkOptions>>().Value;
}
catch (OptionsValidationException e)
{
    // One line per bad key for the technician's journal, then EX_CONFIG so systemd does not restart into the same error.
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync(failure).ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync(LinkTeks.ConfigurationRefused).ConfigureAwait(false);
    return DistrictLinkHost.ConfigurationExitCode;
}

await host.RunAsync().ConfigureAwait(false);
return 0;
