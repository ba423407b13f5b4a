namespace Kiosk.Bpjs.Reporting;

/// <summary>The three Antrean FKTP calls, in the order one ticket's reports must reach BPJS.</summary>
public enum ReportKind
{
    /// <summary><c>antrean/add</c>: the number was printed (or made by a counter).</summary>
    Tambah,

    /// <summary><c>antrean/panggil</c>: served (hadir) or no-show (tidak hadir).</summary>
    Panggil,

    /// <summary><c>antrean/batal</c>: cancelled, or still open when the day closed.</summary>
    Batal,
}
