//===- frechet/frechet.h - the Frechet runtime, all of it
//------------------===//
//
// Include this in every file that uses `#pragma frechet`: generated code
// refers to the result types and the derivative rules declared here.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_FRECHET_H
#define FRECHET_FRECHET_H

#include "frechet/check.h"
#include "frechet/jvp_result.h"
#include "frechet/scalar_rules.h"
#include "frechet/scalar_vjp_rules.h"
#include "frechet/tape.h"

#endif // FRECHET_FRECHET_H
