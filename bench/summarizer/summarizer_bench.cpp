#include "summarizer.hpp"
int main(){}
