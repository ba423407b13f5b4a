// The BPJS bridge's entry point: replaced by the hosting helper (issue 24).
return 0;
