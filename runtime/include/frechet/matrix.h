//===- frechet/matrix.h - the Frechet runtime for Eigen matrix code -------===//
//
// Include this (instead of, or as well as, frechet/frechet.h) in files that
// differentiate code on Eigen matrices. It is separate from frechet.h so that
// scalar code does not compile Eigen.
//
//===----------------------------------------------------------------------===//
#ifndef FRECHET_MATRIX_H
#define FRECHET_MATRIX_H

#include <Eigen/Dense>

#include "frechet/frechet.h"
#include "frechet/matrix_adjoints.h"
#include "frechet/matrix_functions.h"
#include "frechet/matrix_rules.h"
#include "frechet/matrix_support.h"

#endif // FRECHET_MATRIX_H
