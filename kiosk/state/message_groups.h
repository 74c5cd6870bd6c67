// Action and Effect are variants of groups (one group per task), each group a variant of the
// task's messages. One flat std::variant of ~150 alternatives cost GCC O(N^3) bytes of symbol
// names in every file that copied an Action: half a gigabyte per object file at -O0, 47 GB for
// the test build. A group of n costs n^3, so ten groups cost a few percent of that.
//
// Code that looks for one message uses these instead of std::get_if / std::holds_alternative /
// std::visit, which would only see the groups.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace raida::kiosk {

// True when T is one of the alternatives of the variant V.
template <typename T, typename V>
inline constexpr bool kIsAlternative = false;
template <typename T, typename... Ts>
inline constexpr bool kIsAlternative<T, std::variant<Ts...>> = (std::is_same_v<T, Ts> || ...);

namespace detail {

template <typename T, typename Group, typename Outer>
auto* FindInGroup(Outer* outer) {
  using Found = std::conditional_t<std::is_const_v<Outer>, const T, T>;
  if constexpr (kIsAlternative<T, Group>) {
    auto* group = std::get_if<Group>(outer);
    return group ? std::get_if<T>(group) : static_cast<Found*>(nullptr);
  } else {
    return static_cast<Found*>(nullptr);
  }
}

}  // namespace detail

// The message T in a variant of groups, or null when it holds another message.
template <typename T, typename... Groups>
const T* FindMessage(const std::variant<Groups...>& message) {
  static_assert((kIsAlternative<T, Groups> + ...) == 1, "T belongs to exactly one group");
  const T* found = nullptr;
  ((found = found ? found : detail::FindInGroup<T, Groups>(&message)), ...);
  return found;
}
template <typename T, typename... Groups>
T* FindMessage(std::variant<Groups...>& message) {
  static_assert((kIsAlternative<T, Groups> + ...) == 1, "T belongs to exactly one group");
  T* found = nullptr;
  ((found = found ? found : detail::FindInGroup<T, Groups>(&message)), ...);
  return found;
}

template <typename T, typename... Groups>
bool HoldsMessage(const std::variant<Groups...>& message) {
  return FindMessage<T>(message) != nullptr;
}

// The message T; throws std::bad_variant_access when it holds another (as std::get does).
template <typename T, typename... Groups>
const T& GetMessage(const std::variant<Groups...>& message) {
  const T* found = FindMessage<T>(message);
  if (!found) {
    throw std::bad_variant_access();
  }
  return *found;
}

// Calls `visitor` with the message itself (not its group).
template <typename Visitor, typename... Groups>
decltype(auto) VisitMessage(Visitor&& visitor, const std::variant<Groups...>& message) {
  return std::visit(
      [&visitor](const auto& group) -> decltype(auto) { return std::visit(visitor, group); },
      message);
}

}  // namespace raida::kiosk
