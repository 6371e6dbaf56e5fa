// Composition root of the Lambda `bootstrap` (custom runtime). Filled in by the Lambda work.
return 0;
