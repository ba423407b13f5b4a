using Kiosk.District.Cluster;
using Kiosk.District.Dinkes;
using Kiosk.District.Hosting;

// Subcommands for the technician (district-setup calls them); without one, the service itself.
return args switch
{
    ["setup", .. var rest] => await SetupCommand.RunAsync(rest).ConfigureAwait(false),
    ["user", .. var rest] => await UserCommand.RunAsync(rest).ConfigureAwait(false),
    _ => await DistrictHost.RunAsync(args).ConfigureAwait(false),
};
