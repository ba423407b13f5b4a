using Kiosk.Screens.Hosting;
using Kiosk.Screens.Text;
using Microsoft.Extensions.Options;

// The screens host: the loket page and the waiting-room display, served to browsers on the Puskesmas LAN.
try
{
    await ScreensApp.Create(args).RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A configuration error names every bad key and stops with EX_CONFIG, without a stack trace.
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync(Teks.Teknisi.ConfigurationWrong(failure));
    }

    return 78;
}
