namespace Kiosk.Screens.Patients;

/// <summary>
/// What a patient's phone page draws for one ticket (serialised camelCase by ScreensJson). Sentences are made here, in
/// Bahasa Indonesia (<see cref="Text.Teks"/>), so the page only places them. Never the token, the ticket id or card data.
/// </summary>
/// <param name="Number">The number the patient holds now (the poli number after a transfer).</param>
/// <param name="Service">The service or poli name.</param>
/// <param name="Status">What the page styles by: menunggu, dipanggil, dilewati, selesai, tidak-hadir, batal, kedaluwarsa.</param>
/// <param name="Headline">The large line: "3 antrean di depan Anda", "Dipanggil ke Loket 2".</param>
/// <param name="Advice">What to do now.</param>
/// <param name="Ahead">Callable tickets ahead in the queue while waiting; null otherwise.</param>
/// <param name="Estimate">"± 12 menit" while waiting with a basis to estimate from; null otherwise.</param>
/// <param name="EstimateBasis">Where <paramref name="Estimate"/> comes from, for the small print.</param>
/// <param name="CallId">Changes with every call of this ticket (a recall too): the page alerts once per call.</param>
/// <param name="TransferredFrom">The registration number the patient first had, after a transfer to a poli.</param>
/// <param name="DayClosed">The business day is closed (the kiosk's day close).</param>
public sealed record PatientView(
    string Number,
    string Service,
    string Status,
    string Headline,
    string Advice,
    int? Ahead,
    string? Estimate,
    string? EstimateBasis,
    string? CallId,
    string? TransferredFrom,
    bool DayClosed);
